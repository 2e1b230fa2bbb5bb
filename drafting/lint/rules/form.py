"""N-rules: the norms of form (punctuation, numbers, dates, 发文字号 …)."""
