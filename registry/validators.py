"""Check digits of Chinese identifiers, so typos are caught at entry."""

import re

from django.core.exceptions import ValidationError

# GB 32100-2015: the 31 characters allowed in a unified social credit code (no I, O, S, V, Z).
CREDIT_CODE_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
CREDIT_CODE_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)

# GB 11643-1999: resident identity card number.
ID_CARD_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CARD_CHECK = "10X98765432"

PHONE_RE = re.compile(r"^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8}(-\d{1,6})?|\d{7,8})$")


def credit_code_check_digit(first17: str) -> str:
    total = sum(CREDIT_CODE_CHARSET.index(ch) * w for ch, w in zip(first17, CREDIT_CODE_WEIGHTS, strict=True))
    return CREDIT_CODE_CHARSET[(31 - total % 31) % 31]


def validate_credit_code(value: str) -> None:
    code = value.strip().upper()
    if len(code) != 18:
        raise ValidationError(
            "统一社会信用代码应为18位，当前为%(n)d位。", code="credit_code_length", params={"n": len(code)}
        )
    bad = sorted({ch for ch in code if ch not in CREDIT_CODE_CHARSET})
    if bad:
        raise ValidationError(
            "统一社会信用代码含有不允许的字符：%(chars)s（不使用 I、O、S、V、Z）。",
            code="credit_code_charset",
            params={"chars": "".join(bad)},
        )
    if not code[2:8].isdigit():
        raise ValidationError("统一社会信用代码第3至8位应为行政区划代码（数字）。", code="credit_code_area")
    expected = credit_code_check_digit(code[:17])
    if code[17] != expected:
        raise ValidationError(
            "统一社会信用代码校验位错误（第18位应为 %(expected)s），请核对是否录错。",
            code="credit_code_check",
            params={"expected": expected},
        )


def id_card_check_digit(first17: str) -> str:
    return ID_CARD_CHECK[sum(int(ch) * w for ch, w in zip(first17, ID_CARD_WEIGHTS, strict=True)) % 11]


def validate_id_card(value: str) -> None:
    number = value.strip().upper()
    if len(number) != 18 or not number[:17].isdigit():
        raise ValidationError("身份证号应为18位（前17位为数字）。", code="id_card_format")
    if number[17] != id_card_check_digit(number[:17]):
        raise ValidationError("身份证号校验位错误，请核对是否录错。", code="id_card_check")


def validate_phone(value: str) -> None:
    if not PHONE_RE.match(value.strip()):
        raise ValidationError("请填写11位手机号或带区号的固定电话，如 13912345678 或 0936-1234567。", code="phone")
