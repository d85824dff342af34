"""The year-end and half-year summaries, written from the figure catalogue (issue 9).

facts     the figure values (this period and the year before) and names the text reads
narrative one function per sentence topic; outlines: which topics go under which heading
appendix  the township comparison and the statistics appendix; charts: SVG charts
document  the content, independent of its format; pdf, docx, xlsx: the formats
compose   Summary(spec): everything above for one report, computed once
"""
