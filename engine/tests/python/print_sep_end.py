import asyncio


async def main():
    print("a", "b", "c", sep="-")
    print("no newline", end="")
    print(" ... continued")
    for i in range(3):
        print(i, end=" ")
    print()
    print("x", 1, 2.0, None, True, sep=", ", end="!\n")
    print()
    await asyncio.sleep(0)


asyncio.run(main())
