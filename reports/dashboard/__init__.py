"""The leaders' dashboard (工作看板): what the page shows, computed apart from the view.

`kpis` reads the KPI cards from the figure catalogue for the period and the same period a year
earlier; `townships` lays the same values side by side for a county; `charts` groups the records
of those figures by month, category or village; `attention` lists what needs doing today;
`periods` offers the periods a leader picks from. Nothing here counts a figure a second way.
"""
