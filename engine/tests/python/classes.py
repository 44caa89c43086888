import asyncio


class Account:
    bank = "Py Bank"

    def __init__(self, owner, balance=0):
        self.owner = owner
        self.balance = balance

    def deposit(self, amount):
        self.balance += amount
        return self.balance

    def __repr__(self):
        return f"Account({self.owner!r}, {self.balance})"


class Savings(Account):
    def __init__(self, owner, balance=0, rate=0.5):
        super().__init__(owner, balance)
        self.rate = rate

    def __str__(self):
        return f"{self.owner} saves at {self.rate}"

    async def grow(self):
        await asyncio.sleep(0.2)
        self.balance = self.balance * (1 + self.rate)
        return self.balance


async def main():
    a = Account("ann")
    a.deposit(10)
    print(a, a.bank, Account.bank)
    s = Savings("bob", 100)
    print(s, repr(s), isinstance(s, Account), type(s).__name__)
    print(await s.grow(), s.deposit(1))
    print([Account(n) for n in "xy"])


asyncio.run(main())
