"""Demo campaigns (专项整治) of the county's year."""

import datetime

from ..models import Campaign


def seed_campaigns(rng, cast, today):
    county = cast.county
    year = today.year
    rows = [
        ("春节期间食品安全专项整治", Campaign.Theme.FESTIVAL, (1, 15), (3, 5), None),
        ("春季校园及周边食品安全专项检查", Campaign.Theme.SCHOOL, (2, 20), (3, 31), None),
        ("农村假冒伪劣食品专项整治", Campaign.Theme.RURAL, (4, 1), (6, 30), None),
        ("“四小”规范提升专项整治", Campaign.Theme.SMALL, (5, 10), (7, 31), cast.townships[0]),
        ("秋季校园及周边食品安全专项检查", Campaign.Theme.SCHOOL, (8, 25), (9, 30), None),
        ("中秋国庆节日期间食品安全专项整治", Campaign.Theme.FESTIVAL, (9, 15), (10, 8), None),
    ]
    for name, theme, start, end, township in rows:
        Campaign.objects.create(
            county=county,
            township=township,
            name=f"{year}年{name}",
            theme=theme,
            start_date=datetime.date(year, *start),
            end_date=datetime.date(year, *end),
            description=f"按照县局部署，开展{name}，重点检查节假日消费量大、群众关注度高的食品。",
        )
