import asyncio


async def slow(name):
    print(f"{name} starts")
    try:
        await asyncio.sleep(5)
        print("never")
    except asyncio.CancelledError:
        print(f"{name} was cancelled at its await")
        raise
    finally:
        print(f"{name} cleans up")


async def main():
    task = asyncio.create_task(slow("download"))
    await asyncio.sleep(0.2)
    print("cancel returns", task.cancel())
    try:
        await task
    except asyncio.CancelledError:
        print("main sees the cancellation")
    print("cancelled:", task.cancelled(), "done:", task.done())
    print("cancel again returns", task.cancel())


asyncio.run(main())
