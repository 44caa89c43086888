import asyncio


async def ticker():
    for i in range(3):
        print(f"tick {i}")
        await asyncio.sleep(0.4)


async def crunch(seconds):
    print(f"crunch {seconds}")
    cpu(seconds)
    print("crunched")


async def main():
    await asyncio.gather(ticker(), crunch(1), crunch(0.5))


asyncio.run(main())
