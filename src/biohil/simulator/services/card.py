"""gsdk.card.Card: reading and writing cards, the card configurations, the blacklist, QR codes."""

from __future__ import annotations

from typing import Any

import grpc
from google.protobuf.message import Message

from biohil.credentials import Input
from biohil.gsdk import card_pb2, card_pb2_grpc
from biohil.simulator import cards
from biohil.simulator.device import SimDevice
from biohil.simulator.errors import rpc
from biohil.simulator.gateway import Gateway
from biohil.simulator.scans import Capture
from biohil.simulator.services.common import captured, multi, require


class CardService(card_pb2_grpc.CardServicer):
    def __init__(self, gateway: Gateway) -> None:
        self.gw = gateway

    # -- what the methods share ------------------------------------------------------------------

    def _device(self, device_id: int, method: str) -> SimDevice:
        """The connected terminal, if its model has the feature the method needs."""
        device = self.gw.connected(device_id, method)
        require(self.gw, device, method)
        return device

    def _card(self, device_id: int, method: str, context: grpc.ServicerContext) -> tuple[SimDevice, bytes]:
        """Wait for a person to present a card on the terminal; the terminal and the card."""
        device = self.gw.connected(device_id, method)
        require(self.gw, device, method)
        capture: Capture = device.scans.begin(Input.CARD, device.model.card_scan_timeout, method)
        return device, captured(device, capture, context).token

    def _get(self, device_id: int, method: str, kind: type[Message]) -> Any:
        return self._device(device_id, method).card_settings.get(kind)

    def _set(self, device_id: int, config: Message, method: str) -> None:
        device = self._device(device_id, method)
        cards.CHECKS[type(config)](config, method)
        device.card_settings.set(config)

    def _set_multi(self, device_ids: Any, config: Message, method: str) -> None:
        cards.CHECKS[type(config)](config, method)  # once: a bad config fails the whole call
        multi(self.gw, device_ids, method, lambda device: device.card_settings.set(config))

    # -- reading and writing cards -----------------------------------------------------------------

    @rpc
    def Scan(self, request: card_pb2.ScanRequest, context: grpc.ServicerContext) -> card_pb2.ScanResponse:
        """Wait for a card: one Write wrote on reads as its SmartCardData, any other as its CSN block."""
        _, card = self._card(request.deviceID, "Card.Scan", context)
        return card_pb2.ScanResponse(cardData=self.gw.smart_cards.card_data(card))

    @rpc
    def Erase(self, request: card_pb2.EraseRequest, context: grpc.ServicerContext) -> card_pb2.EraseResponse:
        """Wait for a card and wipe what Write put on it; Scan then reads it as a CSN card."""
        _, card = self._card(request.deviceID, "Card.Erase", context)
        self.gw.smart_cards.erase(card)
        return card_pb2.EraseResponse()

    @rpc
    def Write(self, request: card_pb2.WriteRequest, context: grpc.ServicerContext) -> card_pb2.WriteResponse:
        """Wait for a blank card and write the SmartCardData (with its CRCs) on it; Scan reads it back."""
        cards.check_smart_card(request.smartCardData, "Card.Write")  # before anyone is asked for a card
        device, card = self._card(request.deviceID, "Card.Write", context)
        self.gw.smart_cards.write(card, request.smartCardData, "Card.Write", device.label)
        return card_pb2.WriteResponse()

    # -- the card configuration --------------------------------------------------------------------

    @rpc
    def GetConfig(
        self, request: card_pb2.GetConfigRequest, context: grpc.ServicerContext
    ) -> card_pb2.GetConfigResponse:
        """Read the terminal's CardConfig (the documented defaults until SetConfig)."""
        return card_pb2.GetConfigResponse(
            config=self._get(request.deviceID, "Card.GetConfig", card_pb2.CardConfig)
        )

    @rpc
    def SetConfig(
        self, request: card_pb2.SetConfigRequest, context: grpc.ServicerContext
    ) -> card_pb2.SetConfigResponse:
        """Check and store the terminal's CardConfig whole; GetConfig reads it back."""
        self._set(request.deviceID, request.config, "Card.SetConfig")
        return card_pb2.SetConfigResponse()

    @rpc
    def SetConfigMulti(
        self, request: card_pb2.SetConfigMultiRequest, context: grpc.ServicerContext
    ) -> card_pb2.SetConfigMultiResponse:
        """Store the CardConfig on each terminal; the failures travel in the status details."""
        self._set_multi(request.deviceIDs, request.config, "Card.SetConfigMulti")
        return card_pb2.SetConfigMultiResponse()

    # -- the blacklist -----------------------------------------------------------------------------

    @rpc
    def GetBlacklist(
        self, request: card_pb2.GetBlacklistRequest, context: grpc.ServicerContext
    ) -> card_pb2.GetBlacklistResponse:
        """List the cards on the terminal's blacklist, card IDs as 32-byte blocks, in the order added."""
        device = self._device(request.deviceID, "Card.GetBlacklist")
        return card_pb2.GetBlacklistResponse(blacklist=device.blacklist.listed())

    @rpc
    def AddBlacklist(
        self, request: card_pb2.AddBlacklistRequest, context: grpc.ServicerContext
    ) -> card_pb2.AddBlacklistResponse:
        """Put cards on the terminal's blacklist (up to maxBlacklists); presented, they are denied."""
        method = "Card.AddBlacklist"
        device = self._device(request.deviceID, method)
        device.blacklist.add(cards.blacklist_keys(request.cardInfos, method), method)
        return card_pb2.AddBlacklistResponse()

    @rpc
    def AddBlacklistMulti(
        self, request: card_pb2.AddBlacklistMultiRequest, context: grpc.ServicerContext
    ) -> card_pb2.AddBlacklistMultiResponse:
        """Put the cards on each terminal's blacklist; the failures travel in the status details."""
        method = "Card.AddBlacklistMulti"
        keys = cards.blacklist_keys(request.cardInfos, method)
        multi(self.gw, request.deviceIDs, method, lambda device: device.blacklist.add(keys, method))
        return card_pb2.AddBlacklistMultiResponse()

    @rpc
    def DeleteBlacklist(
        self, request: card_pb2.DeleteBlacklistRequest, context: grpc.ServicerContext
    ) -> card_pb2.DeleteBlacklistResponse:
        """Take cards off the terminal's blacklist; presented, they are authenticated again."""
        method = "Card.DeleteBlacklist"
        device = self._device(request.deviceID, method)
        device.blacklist.delete(cards.blacklist_keys(request.cardInfos, method), method)
        return card_pb2.DeleteBlacklistResponse()

    @rpc
    def DeleteBlacklistMulti(
        self, request: card_pb2.DeleteBlacklistMultiRequest, context: grpc.ServicerContext
    ) -> card_pb2.DeleteBlacklistMultiResponse:
        """Take the cards off each terminal's blacklist; the failures travel in the status details."""
        method = "Card.DeleteBlacklistMulti"
        keys = cards.blacklist_keys(request.cardInfos, method)
        multi(self.gw, request.deviceIDs, method, lambda device: device.blacklist.delete(keys, method))
        return card_pb2.DeleteBlacklistMultiResponse()

    @rpc
    def DeleteAllBlacklist(
        self, request: card_pb2.DeleteAllBlacklistRequest, context: grpc.ServicerContext
    ) -> card_pb2.DeleteAllBlacklistResponse:
        """Empty the terminal's blacklist."""
        self._device(request.deviceID, "Card.DeleteAllBlacklist").blacklist.clear()
        return card_pb2.DeleteAllBlacklistResponse()

    @rpc
    def DeleteAllBlacklistMulti(
        self, request: card_pb2.DeleteAllBlacklistMultiRequest, context: grpc.ServicerContext
    ) -> card_pb2.DeleteAllBlacklistMultiResponse:
        """Empty each terminal's blacklist; the failures travel in the status details."""
        multi(
            self.gw,
            request.deviceIDs,
            "Card.DeleteAllBlacklistMulti",
            lambda device: device.blacklist.clear(),
        )
        return card_pb2.DeleteAllBlacklistMultiResponse()

    # -- BioStar 1 cards ---------------------------------------------------------------------------

    @rpc
    def Get1XConfig(
        self, request: card_pb2.Get1XConfigRequest, context: grpc.ServicerContext
    ) -> card_pb2.Get1XConfigResponse:
        """Read the terminal's Card1XConfig (disabled until Set1XConfig)."""
        config = self._get(request.deviceID, "Card.Get1XConfig", card_pb2.Card1XConfig)
        return card_pb2.Get1XConfigResponse(config=config)

    @rpc
    def Set1XConfig(
        self, request: card_pb2.Set1XConfigRequest, context: grpc.ServicerContext
    ) -> card_pb2.Set1XConfigResponse:
        """Check and store the terminal's Card1XConfig whole; Get1XConfig reads it back."""
        self._set(request.deviceID, request.config, "Card.Set1XConfig")
        return card_pb2.Set1XConfigResponse()

    @rpc
    def Set1XConfigMulti(
        self, request: card_pb2.Set1XConfigMultiRequest, context: grpc.ServicerContext
    ) -> card_pb2.Set1XConfigMultiResponse:
        """Store the Card1XConfig on each terminal; the failures travel in the status details."""
        self._set_multi(request.deviceIDs, request.config, "Card.Set1XConfigMulti")
        return card_pb2.Set1XConfigMultiResponse()

    # -- QR codes ----------------------------------------------------------------------------------

    @rpc
    def WriteQRCode(
        self, request: card_pb2.WriteQRCodeRequest, context: grpc.ServicerContext
    ) -> card_pb2.WriteQRCodeResponse:
        """Convert a QR text into the CSNCardData (type QR, 32 bytes) a user is enrolled with; no terminal."""
        layout = self.gw.readings["qr_card_data"]
        return card_pb2.WriteQRCodeResponse(
            cardData=cards.qr_card_data(request.QRText, layout, "Card.WriteQRCode")
        )

    @rpc
    def GetQRConfig(
        self, request: card_pb2.GetQRConfigRequest, context: grpc.ServicerContext
    ) -> card_pb2.GetQRConfigResponse:
        """Read the terminal's QRConfig (off, 4-s scan timeout, until SetQRConfig)."""
        return card_pb2.GetQRConfigResponse(
            config=self._get(request.deviceID, "Card.GetQRConfig", card_pb2.QRConfig)
        )

    @rpc
    def SetQRConfig(
        self, request: card_pb2.SetQRConfigRequest, context: grpc.ServicerContext
    ) -> card_pb2.SetQRConfigResponse:
        """Check and store the terminal's QRConfig whole; GetQRConfig reads it back."""
        self._set(request.deviceID, request.config, "Card.SetQRConfig")
        return card_pb2.SetQRConfigResponse()

    @rpc
    def SetQRConfigMulti(
        self, request: card_pb2.SetQRConfigMultiRequest, context: grpc.ServicerContext
    ) -> card_pb2.SetQRConfigMultiResponse:
        """Store the QRConfig on each terminal; the failures travel in the status details."""
        self._set_multi(request.deviceIDs, request.config, "Card.SetQRConfigMulti")
        return card_pb2.SetQRConfigMultiResponse()

    # -- custom smart cards ------------------------------------------------------------------------

    @rpc
    def GetCustomConfig(
        self, request: card_pb2.GetCustomConfigRequest, context: grpc.ServicerContext
    ) -> card_pb2.GetCustomConfigResponse:
        """Read the terminal's CustomConfig (all zero until SetCustomConfig)."""
        config = self._get(request.deviceID, "Card.GetCustomConfig", card_pb2.CustomConfig)
        return card_pb2.GetCustomConfigResponse(config=config)

    @rpc
    def SetCustomConfig(
        self, request: card_pb2.SetCustomConfigRequest, context: grpc.ServicerContext
    ) -> card_pb2.SetCustomConfigResponse:
        """Check and store the terminal's CustomConfig whole; GetCustomConfig reads it back."""
        self._set(request.deviceID, request.config, "Card.SetCustomConfig")
        return card_pb2.SetCustomConfigResponse()

    @rpc
    def SetCustomConfigMulti(
        self, request: card_pb2.SetCustomConfigMultiRequest, context: grpc.ServicerContext
    ) -> card_pb2.SetCustomConfigMultiResponse:
        """Store the CustomConfig on each terminal; the failures travel in the status details."""
        self._set_multi(request.deviceIDs, request.config, "Card.SetCustomConfigMulti")
        return card_pb2.SetCustomConfigMultiResponse()

    # -- facility codes (the DI-24 door interface's: refused by every simulated model) -------------

    @rpc
    def GetFacilityCodeConfig(
        self, request: card_pb2.GetFacilityCodeConfigRequest, context: grpc.ServicerContext
    ) -> card_pb2.GetFacilityCodeConfigResponse:
        """Read the terminal's FacilityCodeConfig; refused (facilityCodeSupported) by a model without it."""
        config = self._get(request.deviceID, "Card.GetFacilityCodeConfig", card_pb2.FacilityCodeConfig)
        return card_pb2.GetFacilityCodeConfigResponse(config=config)

    @rpc
    def SetFacilityCodeConfig(
        self, request: card_pb2.SetFacilityCodeConfigRequest, context: grpc.ServicerContext
    ) -> card_pb2.SetFacilityCodeConfigResponse:
        """Check and store the terminal's FacilityCodeConfig; refused (facilityCodeSupported) without it."""
        self._set(request.deviceID, request.config, "Card.SetFacilityCodeConfig")
        return card_pb2.SetFacilityCodeConfigResponse()

    @rpc
    def SetFacilityCodeConfigMulti(
        self, request: card_pb2.SetFacilityCodeConfigMultiRequest, context: grpc.ServicerContext
    ) -> card_pb2.SetFacilityCodeConfigMultiResponse:
        """Store the FacilityCodeConfig on each terminal; the failures travel in the status details."""
        self._set_multi(request.deviceIDs, request.config, "Card.SetFacilityCodeConfigMulti")
        return card_pb2.SetFacilityCodeConfigMultiResponse()
