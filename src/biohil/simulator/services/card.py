"""gsdk.card.Card: reading cards."""

from __future__ import annotations

import grpc

from biohil.credentials import Input
from biohil.gsdk import card_pb2, card_pb2_grpc
from biohil.simulator import credentials
from biohil.simulator.errors import rpc
from biohil.simulator.gateway import Gateway
from biohil.simulator.services.common import captured


class CardService(card_pb2_grpc.CardServicer):
    def __init__(self, gateway: Gateway) -> None:
        self.gw = gateway

    @rpc
    def Scan(self, request: card_pb2.ScanRequest, context: grpc.ServicerContext) -> card_pb2.ScanResponse:
        device = self.gw.connected(request.deviceID, "Card.Scan")
        capture = device.scans.begin(Input.CARD, device.model.card_scan_timeout, "Card.Scan")
        token = captured(device, capture, context).token
        return card_pb2.ScanResponse(cardData=credentials.card_data(token))
