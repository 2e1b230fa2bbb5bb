"""The GB/T 9704-2012 .docx builder: layout profile, OOXML element helpers, builder."""
