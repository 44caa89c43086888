import asyncio


async def child(name):
    try:
        await asyncio.sleep(2)
    except asyncio.CancelledError:
        print(f"{name} cancelled")
        raise


async def main():
    group = asyncio.gather(child("a"), child("b"))
    await asyncio.sleep(0.2)
    group.cancel()
    try:
        await group
    except asyncio.CancelledError:
        print("the gather is cancelled:", group.cancelled())


asyncio.run(main())
