import asyncio


async def sleeper(name):
    await asyncio.sleep(1)
    print(f"{name} wakes")


async def main():
    await asyncio.gather(sleeper("first"), sleeper("second"), sleeper("third"))
    print("all awake, in the order they fell asleep")


asyncio.run(main())
