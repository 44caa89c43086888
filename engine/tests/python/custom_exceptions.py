import asyncio


class PaymentError(Exception):
    pass


class CardDeclined(PaymentError):
    def __init__(self, card, reason):
        super().__init__(f"card {card} declined: {reason}")
        self.card = card


async def pay(card):
    await asyncio.sleep(0.1)
    if card.startswith("0"):
        raise CardDeclined(card, "expired")
    if not card:
        raise PaymentError("no card")
    return "paid"


async def main():
    for card in ["1234", "0000", ""]:
        try:
            print(await pay(card))
        except CardDeclined as e:
            print("declined:", e, e.card, e.args)
        except PaymentError as e:
            print("payment error:", e, repr(e))
    err = ValueError("a", 1)
    print(str(err), err.args, str(KeyError("k")), str(Exception()))


asyncio.run(main())
