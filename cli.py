"""从源码目录直接运行：python cli.py …（等同于 drafting …）。"""

from drafting.cli import main

if __name__ == "__main__":
    main()
