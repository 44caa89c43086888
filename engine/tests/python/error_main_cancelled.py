import asyncio


async def main():
    me = asyncio.current_task()

    async def cancel_main():
        await asyncio.sleep(0.2)
        print("cancelling main")
        me.cancel()

    helper = asyncio.create_task(cancel_main())
    print("main sleeps")
    await asyncio.sleep(1)
    print("never")


asyncio.run(main())
