import datetime

from django.test import SimpleTestCase

from inspections.workdays import add_working_days, is_workday, working_days_between


class WorkingDayTests(SimpleTestCase):
    def test_holidays_and_make_up_days_follow_the_chinese_calendar(self):
        self.assertFalse(is_workday(datetime.date(2026, 10, 5)))  # a Monday of the National Day holiday
        self.assertTrue(is_workday(datetime.date(2026, 10, 10)))  # a Saturday worked to make up for it
        self.assertFalse(is_workday(datetime.date(2026, 10, 11)))

    def test_fifteen_working_days_across_national_day(self):
        # Received Monday 28 September: 29, 30 Sep, then 8, 9, 10 (Saturday, worked) Oct and ten more.
        self.assertEqual(add_working_days(datetime.date(2026, 9, 28), 15), datetime.date(2026, 10, 23))
        self.assertEqual(working_days_between(datetime.date(2026, 9, 28), datetime.date(2026, 10, 23)), 15)

    def test_the_day_received_is_not_counted(self):
        self.assertEqual(add_working_days(datetime.date(2026, 3, 2), 1), datetime.date(2026, 3, 3))

    def test_a_year_the_calendar_does_not_know_counts_weekdays(self):
        with self.assertLogs("inspections.workdays", "WARNING"):
            self.assertEqual(add_working_days(datetime.date(2031, 12, 26), 3), datetime.date(2031, 12, 31))
