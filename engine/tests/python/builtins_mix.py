import asyncio


async def main():
    words = ["pear", "fig", "banana", "kiwi"]
    print(len(words), sorted(words), sorted(words, key=len), sorted(words, reverse=True))
    print(list(reversed(words)), list(enumerate(words[:2])), list(zip(words, range(2))))
    print(min(words, key=len), max(len(w) for w in words), sum([1.5, 2.5]))
    print(isinstance(3, int), isinstance(True, int), isinstance("s", (int, str)), isinstance(3.0, int))
    print(type(3).__name__, type("a").__name__, type([]).__name__, type(None).__name__)
    print(repr("q"), str(3.0), repr([1, "x", None]), list("ab"), tuple([1]), dict(a=1))
    print(any([]), all([]), chr(65), ord("a"), list(range(2, 10, 3)), list(range(5, 0, -2)))
    print(int("ff", 16), float(2), str(True), list({1: "a"}), sorted({3, 1, 2}))
    print(hasattr(words, "append"), getattr(words, "nope", "fallback"), callable(len))
    await asyncio.sleep(0)


asyncio.run(main())
