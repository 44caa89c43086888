import asyncio


async def heartbeat():
    for i in range(4):
        print(f"heartbeat {i}")
        await asyncio.sleep(0.25)


async def crunch():
    print("crunch: computing for 1 s")
    cpu(1)
    print("crunch: done")


async def main():
    await asyncio.gather(heartbeat(), crunch())


asyncio.run(main())
