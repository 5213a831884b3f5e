from poloniex import Poloniex

polo = Poloniex('ZA1UPV3M-V0P0N6FW-YAP3NHSV-HHAJ622E', '2665cfe7db5b1e15e87595292e34976f18b6452e763ad09bda1e467090a938b3628e8595fc12fa8035c1788beaef8753fa95705b1ef9e37094880a9ec6db7ac1')
print(polo.returnBalances())
