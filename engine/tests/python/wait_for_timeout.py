import asyncio


async def delay(seconds):
    print(f"sleeping {seconds}")
    try:
        await asyncio.sleep(seconds)
    except asyncio.CancelledError:
        print("delay cancelled by wait_for")
        raise
    return seconds


async def main():
    print(await asyncio.wait_for(delay(0.2), timeout=1))
    try:
        await asyncio.wait_for(delay(2), timeout=0.5)
    except asyncio.TimeoutError:
        print("timed out")
    try:
        await asyncio.wait_for(delay(2), 0.5)
    except TimeoutError as e:
        print("TimeoutError is asyncio.TimeoutError:", asyncio.TimeoutError is TimeoutError, repr(e))


asyncio.run(main())
