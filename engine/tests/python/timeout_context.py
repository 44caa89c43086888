import asyncio


async def main():
    try:
        async with asyncio.timeout(0.5):
            print("slow work starts")
            await asyncio.sleep(2)
            print("never")
    except TimeoutError:
        print("the timeout expired")
    async with asyncio.timeout(1) as cm:
        await asyncio.sleep(0.2)
        print("fast work done, expired:", cm.expired())
    async with asyncio.timeout(None):
        await asyncio.sleep(0.1)
    print("no timeout at all")


asyncio.run(main())
