"""The review pages a coordinator reads before submitting: the overview `index.html` with its
charts, written beside the files of every run (`page.write_review`), and for `sis-extracts all`
the top-level index (`page.write_run_index`)."""

from sis_extracts.review.page import ExtractLink, write_review, write_run_index

__all__ = ["ExtractLink", "write_review", "write_run_index"]
