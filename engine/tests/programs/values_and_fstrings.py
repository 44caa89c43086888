import asyncio


async def main():
    half = 0.5
    whole = 2
    both = half * whole
    words = ["one", "two"]
    nothing = None
    print(half, whole, both, words, nothing)
    print(f"half={half} whole={whole} words={words}")
    print(7 // 2, 7 % 3, 7 / 2, 1 + 2.5, "ab" + "cd", "-" * 3)
    await asyncio.sleep(0)


asyncio.run(main())
