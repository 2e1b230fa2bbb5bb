"""drafting：按 GB/T 9704-2012 起草公文，并审校公文与时评的文字。

Heavy dependencies (python-docx, jieba) are imported only by the functions that need them,
so importing this package and running ``drafting --help`` stay fast.
"""

__version__ = "0.1.0"
