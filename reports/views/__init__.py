"""Pages of the reports app: the home page, the figure catalogue and drill-downs."""
