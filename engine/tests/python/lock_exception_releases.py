import asyncio


async def main():
    lock = asyncio.Lock()
    try:
        async with lock:
            print("inside:", lock.locked())
            raise ValueError("oops")
    except ValueError as e:
        print("caught", e, "and the lock is released:", not lock.locked())


asyncio.run(main())
