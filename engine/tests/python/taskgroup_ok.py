import asyncio


async def job(name, seconds):
    print(f"{name} starts")
    await asyncio.sleep(seconds)
    print(f"{name} ends")
    return name


async def main():
    async with asyncio.TaskGroup() as tg:
        first = tg.create_task(job("first", 0.4))
        second = tg.create_task(job("second", 0.2))
        print("both started")
    print("the group waited for both:", first.result(), second.result())


asyncio.run(main())
