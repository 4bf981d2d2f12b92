@gsdk
Feature: Connecting to a terminal through the device gateway
  The gateway reaches each terminal over the network. A terminal must connect, identify
  itself as the model it is, show up in the gateway's device list, and let go again.

  @lab_smoke @blocker
  Scenario: Connect a terminal, identify it and disconnect it
    When the gateway connects to the terminal at its network address
    Then the gateway reports the terminal's device ID
    And the terminal's device information names its model
    And the terminal reports the credential sensors of its model
    And the gateway's device list shows the terminal as connected
    When the gateway disconnects the terminal
    Then the gateway's device list no longer shows the terminal

  Scenario: A terminal describes itself as what it is, and the same way each time
    Given the terminal is connected
    When the terminal is asked what it is
    Then its two capability answers agree with each other and with the gateway's device list
    And its capabilities are those of its model
    And the auth modes it offers are of one family and include every mode its auth config enables
    And its capacities are within the documented limits
    And asked again, it describes itself the same way

  @needs_face
  Scenario: A terminal with a face camera offers face-only authentication
    Given the terminal is connected
    Then the terminal supports "face only" authentication

  Scenario: A terminal whose network link drops is listed as disconnected until it is connected again
    Given the terminal is connected
    When the terminal's network link drops
    Then the gateway's device list shows the terminal as disconnected
    When the terminal's network link comes back
    And the gateway connects to the terminal at its network address
    Then the gateway's device list shows the terminal as connected
