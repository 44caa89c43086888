import asyncio
import time


async def tick(name):
    for i in range(3):
        print(f"{name} {i}")
        await asyncio.sleep(0.5)


async def blocker():
    print("blocker: time.sleep(1) blocks the loop")
    time.sleep(1)
    print("blocker: done")


async def polite():
    print("polite: await asyncio.sleep(1) lets others run")
    await asyncio.sleep(1)
    print("polite: done")


async def main():
    await asyncio.gather(tick("tick"), blocker())
    await asyncio.gather(tick("tock"), polite())


asyncio.run(main())
