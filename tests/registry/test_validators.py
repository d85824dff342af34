import pytest
from django.core.exceptions import ValidationError

from registry.validators import validate_credit_code, validate_id_card, validate_phone

# Published codes of real companies (Alibaba China, China Mobile Communications, Huawei, a Shanghai MA code).
REAL_CREDIT_CODES = ["91330100716105852F", "91110000802100433B", "914403001922038216", "91310000MA1FL1MMXL"]


@pytest.mark.parametrize("code", REAL_CREDIT_CODES)
def test_real_credit_codes_are_accepted(code):
    validate_credit_code(code)


def test_lower_case_and_spaces_are_tolerated():
    validate_credit_code(" 91310000ma1fl1mmxl ")


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("91330100716105852E", "校验位错误（第18位应为 F）"),
        ("9133010071610585", "应为18位，当前为16位"),
        ("91330100716105852FF", "应为18位，当前为19位"),
        ("9133010071610585IF", "不允许的字符：I"),
        ("91ABCDEF716105852F", "行政区划代码"),
    ],
)
def test_wrong_credit_codes_say_what_is_wrong(code, message):
    with pytest.raises(ValidationError) as caught:
        validate_credit_code(code)
    assert message in caught.value.messages[0]


def test_one_mistyped_character_is_always_caught():
    code = REAL_CREDIT_CODES[0]
    for position in range(17):
        for replacement in "0123456789ABCDEFGHJKLMNPQRTUWXY":
            if replacement == code[position]:
                continue
            typo = code[:position] + replacement + code[position + 1 :]
            if not typo[2:8].isdigit():
                continue
            with pytest.raises(ValidationError):
                validate_credit_code(typo)


def test_id_card_check_digit():
    validate_id_card("11010519491231002X")
    with pytest.raises(ValidationError, match="校验位"):
        validate_id_card("110105194912310021")
    with pytest.raises(ValidationError, match="18位"):
        validate_id_card("1101051949123100")


@pytest.mark.parametrize("phone", ["13912345678", "0936-1234567", "09361234567", "8123456"])
def test_phone_numbers_accepted(phone):
    validate_phone(phone)


@pytest.mark.parametrize("phone", ["1391234567", "abc", "23912345678"])
def test_bad_phone_numbers_rejected(phone):
    with pytest.raises(ValidationError, match="手机号"):
        validate_phone(phone)
