import asyncio
import time


async def ticker():
    await asyncio.sleep(0.2)
    for i in range(3):
        print("tick", i)
        await asyncio.sleep(0.4)


async def main():
    slept, _ = await asyncio.gather(asyncio.to_thread(time.sleep, 2), ticker())
    print("time.sleep in a thread returned", slept)


asyncio.run(main())
