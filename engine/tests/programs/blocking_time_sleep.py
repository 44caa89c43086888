import asyncio
import time


async def clock():
    for i in range(4):
        print(f"clock {i}")
        await asyncio.sleep(0.3)


async def sleeper():
    await asyncio.sleep(0.1)
    print("sleeper blocks")
    time.sleep(1)
    print("sleeper unblocks")


async def main():
    await asyncio.gather(clock(), sleeper())


asyncio.run(main())
