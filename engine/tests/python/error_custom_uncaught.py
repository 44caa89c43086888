class InsufficientFunds(Exception):
    pass


def withdraw(balance, amount):
    if amount > balance:
        raise InsufficientFunds(f"cannot take {amount} from {balance}")
    return balance - amount


print(withdraw(10, 3))
print(withdraw(10, 30))
