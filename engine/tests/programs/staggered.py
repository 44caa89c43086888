import asyncio


async def runner(name, start, length):
    await asyncio.sleep(start)
    print(f"{name} starts")
    await asyncio.sleep(length)
    print(f"{name} ends")


async def main():
    await asyncio.gather(runner("a", 0, 1.5), runner("b", 0.5, 0.5), runner("c", 0.2, 2))


asyncio.run(main())
