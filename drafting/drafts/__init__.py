"""Drafts: data files and templates to Markdown drafts, and Markdown drafts to the model."""
