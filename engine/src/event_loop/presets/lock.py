import asyncio

balance = 0


async def deposit(amount):
    global balance
    read = balance
    await asyncio.sleep(0.1)
    balance = read + amount


async def safe_deposit(lock, amount):
    global balance
    async with lock:
        read = balance
        await asyncio.sleep(0.1)
        balance = read + amount


async def main():
    global balance
    await asyncio.gather(deposit(10), deposit(20), deposit(30))
    print(f"without a lock: {balance} (60 expected)")
    balance = 0
    lock = asyncio.Lock()
    await asyncio.gather(safe_deposit(lock, 10), safe_deposit(lock, 20), safe_deposit(lock, 30))
    print(f"with a lock: {balance}")


asyncio.run(main())
