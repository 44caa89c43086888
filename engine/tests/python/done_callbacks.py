import asyncio


def announce(task):
    print(f"callback: {task.get_name()} finished with {task.result()}")


async def job(n):
    await asyncio.sleep(n * 0.2)
    return n * 10


async def main():
    tasks = []
    for n in (2, 1):
        t = asyncio.create_task(job(n), name=f"job{n}")
        t.add_done_callback(announce)
        tasks.append(t)
    await asyncio.gather(*tasks)
    await asyncio.sleep(0)
    print("main done")


asyncio.run(main())
