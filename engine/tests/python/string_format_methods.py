import asyncio


async def main():
    print("{} + {} = {}".format(1, 2, 3), "{1} {0}".format("a", "b"), "{name}!".format(name="hi"))
    print("{:>5}|{:.2f}|{!r}".format("x", 2.345, "q"))
    print("%s has %d items costing %.2f" % ("cart", 3, 9.5), "%5s|%-5s|" % ("r", "l"))
    print("%r and %%" % ("q",))
    print("a b  c".split(), "a-b-c".split("-", 1), "a-b-c".rsplit("-", 1), "x\ny".splitlines())
    print("  pad ".lstrip(), "|" + "  pad ".rstrip() + "|", "xxhixx".strip("x"))
    print("abc".upper().lower().capitalize(), "Hello".isalpha(), "123".isdigit(), " ".isspace())
    print("k=v".partition("="), "hello"[1:].find("l"), "hello".rfind("l"), "hi".ljust(4, ".") + "|")


asyncio.run(main())
