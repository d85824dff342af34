"""Speed benchmarks (`make bench`): bench/run.py, the cases in bench/cases.py, bench/README.md."""
