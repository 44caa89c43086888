import asyncio


async def report():
    await asyncio.sleep(1)
    return "report ready"


async def main():
    task = asyncio.create_task(report())
    try:
        await asyncio.wait_for(asyncio.shield(task), timeout=0.5)
    except asyncio.TimeoutError:
        print("too slow; the task goes on:", task.done())
    print(await task)


asyncio.run(main())
