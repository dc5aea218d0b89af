"""The import/export report speaks proper English for counts of one."""

from argmap.formats.report import ImportReport


def test_counts_of_one_are_singular():
    report = ImportReport(path="map.json", statements=1, links=1)
    first = report.lines()[0]
    assert "1 statement and 1 link " in first, first
    report = ImportReport(path="map.json", statements=2, links=0)
    assert "2 statements and 0 links " in report.lines()[0]
