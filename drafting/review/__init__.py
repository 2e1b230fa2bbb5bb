"""Reviewer outputs: Word comments, the HTML report, fixes."""
