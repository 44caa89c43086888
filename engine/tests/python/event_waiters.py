import asyncio


async def waiter(event, name):
    print(f"{name} waits")
    await event.wait()
    print(f"{name} sees the event")


async def main():
    event = asyncio.Event()
    tasks = [asyncio.create_task(waiter(event, n)) for n in ("a", "b")]
    await asyncio.sleep(0.2)
    print("setting, is_set:", event.is_set())
    event.set()
    await asyncio.gather(*tasks)
    print("is_set:", event.is_set())
    event.clear()
    print("cleared:", event.is_set(), await asyncio.wait_for(event.wait(), 1) if event.is_set() else "skip")


asyncio.run(main())
