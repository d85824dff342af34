"""How people write text in a cell or a field: full-width characters, several names in one box."""

import re

NAME_SEPARATORS = re.compile(r"[、/／,，;；\n]+")
# Full-width letters and digits and the ideographic space, as typed with a Chinese input method.
FULL_WIDTH = str.maketrans(
    {
        **{chr(code): chr(code - 0xFEE0) for code in range(0xFF10, 0xFF1A)},
        **{chr(code): chr(code - 0xFEE0) for code in range(0xFF21, 0xFF3B)},
        **{chr(code): chr(code - 0xFEE0) for code in range(0xFF41, 0xFF5B)},
        "\u3000": " ",
        "\u00a0": " ",
    }
)


def fold_width(text):
    """Full-width letters, digits and spaces as their ASCII forms; other text as typed."""
    return text.translate(FULL_WIDTH)


def split_names(text):
    """People's names in one cell: separated by 、 / ， , ； or spaces.

    A space inside a two-character name (王　红, padded to line up with three-character names)
    is not a separator: a part of one character cannot be a name.
    """
    names = []
    for piece in NAME_SEPARATORS.split(fold_width(text or "")):
        parts = piece.split()
        if any(len(part) == 1 for part in parts):
            parts = ["".join(parts)]
        names.extend(part for part in parts if part)
    return names
