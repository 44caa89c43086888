import asyncio


async def use(lock, name, seconds):
    print(f"{name} wants the lock")
    async with lock:
        print(f"{name} holds the lock")
        await asyncio.sleep(seconds)
    print(f"{name} released it")


async def main():
    lock = asyncio.Lock()
    await asyncio.gather(use(lock, "a", 0.3), use(lock, "b", 0.2), use(lock, "c", 0.1))
    await lock.acquire()
    print("locked:", lock.locked())
    lock.release()


asyncio.run(main())
