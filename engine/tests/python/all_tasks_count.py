import asyncio


async def job(seconds):
    await asyncio.sleep(seconds)


async def main():
    tasks = [asyncio.create_task(job(s)) for s in (0.2, 0.4)]
    print("tasks alive:", len(asyncio.all_tasks()))
    await tasks[0]
    await asyncio.sleep(0)
    print("tasks alive:", len(asyncio.all_tasks()))
    await tasks[1]
    print("tasks alive:", len(asyncio.all_tasks()), asyncio.current_task() in asyncio.all_tasks())


asyncio.run(main())
