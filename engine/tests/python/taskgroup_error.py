import asyncio


async def ok(seconds):
    try:
        await asyncio.sleep(seconds)
        print("ok finished")
    except asyncio.CancelledError:
        print("ok was cancelled by the group")
        raise


async def fails():
    await asyncio.sleep(0.2)
    raise ValueError("one task failed")


async def main():
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(ok(1))
            tg.create_task(fails())
    except ExceptionGroup as eg:
        print("group error:", eg)
        for e in eg.exceptions:
            print("  inside:", repr(e))


asyncio.run(main())
