"""python -m drafting"""

from drafting.cli import main

main()
