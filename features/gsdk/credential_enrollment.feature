@gsdk
Feature: Credential enrollment
  Users are enrolled on a terminal through the gateway with their settings; the terminal
  captures their cards, fingerprints and faces; then it lets them in with those credentials.
  Every write is read back whole, every credential of a user and every setting; every change is
  written to the terminal's event log. Where the capture is not what a scenario
  proves, it uses the test credentials captured once for the run.

  Background:
    Given the terminal is connected

  @lab_smoke
  Scenario: Enroll a user, read it back and delete it
    Given a new test user named "Ada Lovelace"
    When the test user is enrolled on the terminal
    Then the terminal has the test user named "Ada Lovelace"
    And the terminal's user list includes the test user
    When the test user is deleted from the terminal
    Then the terminal no longer knows the test user
    And the terminal's log shows "user enrolled" then "user deleted" for the test user

  Scenario Outline: Enroll a user with settings and read them back
    Given a new test user named "<name>"
    When the test user is enrolled with PIN "<PIN>", security level "<level>", valid from now to <days> days ahead
    Then the terminal returns the test user with those settings

    Examples:
      | name               | PIN    | level  | days |
      | Ada Lovelace       | 1234   | normal | 30   |
      | Émilie du Châtelet | 987654 | higher | 365  |

  Scenario Outline: A captured <credential> lets the user in
    Given the test user "Grace Hopper" is enrolled on the terminal
    And the terminal authenticates by <credential> alone
    When a <credential> is captured on the terminal and assigned to the test user
    And the test user presents the enrolled <credential>
    Then the terminal grants access to the test user by <credential>

    @needs_card @lab_smoke
    Examples: card
      | credential |
      | card       |

    @needs_fingerprint @lab_smoke
    Examples: fingerprint
      | credential  |
      | fingerprint |

  @needs_face @lab_smoke
  Scenario: A captured face lets the user in
    Given the test user "Grace Hopper" is enrolled on the terminal
    And the terminal authenticates by face alone
    When a face is captured on the terminal and assigned to the test user
    And the test user presents the enrolled face
    Then the terminal grants access to the test user by face

  Scenario Outline: Two <credential>s <how> come back whole, and each lets the user in
    Given a new test user named "Katherine Johnson"
    And the terminal authenticates by <credential> alone
    And the terminal has captured a second <credential> for the test user
    When the test user's two <credential>s are <how>
    Then the terminal returns the test user whole, with both <credential>s
    When the test user presents the <credential>
    Then the terminal grants access to the test user by <credential>
    When the test user presents the second <credential>
    Then the terminal grants access to the test user by <credential>

    @needs_card
    Examples: cards
      | credential | how                    |
      | card       | enrolled with the user |
      | card       | assigned to the user   |

    @needs_fingerprint
    Examples: fingerprints
      | credential  | how                    |
      | fingerprint | enrolled with the user |
      | fingerprint | assigned to the user   |

    @needs_face
    Examples: faces
      | credential | how                    |
      | face       | enrolled with the user |
      | face       | assigned to the user   |

  Scenario Outline: Enrolling a user ID that is already taken <how>
    Given the test user "Grace Hopper" is enrolled on the terminal
    When the same user ID is enrolled as "Grace Brewster" <how>
    Then the enrollment is <outcome>
    And the terminal has the test user named "<name>"

    Examples:
      | how               | outcome  | name           |
      | without overwrite | refused  | Grace Hopper   |
      | with overwrite    | accepted | Grace Brewster |

  @needs_card
  Scenario: A card cannot belong to two users
    Given the test user "Alan Turing" is enrolled on the terminal
    And the test card is assigned to the test user
    And a second test user "Joan Clarke" is enrolled on the terminal
    And the terminal authenticates by card alone
    When the same card is assigned to the second test user
    Then the assignment is refused, where card_of_another_user=shared would accept it
    When the test user presents the enrolled card
    Then the terminal grants access to the test user by card

  Scenario Outline: A removed <credential> no longer opens the door
    Given the test user "Alan Turing" is enrolled on the terminal
    And the terminal authenticates by <credential> alone
    And the test <credential> is assigned to the test user
    When the test user's <credential>s are removed
    And the test user presents the enrolled <credential>
    Then the terminal refuses the <credential> as unregistered

    @needs_card @lab_smoke
    Examples: card
      | credential |
      | card       |

    @needs_fingerprint
    Examples: fingerprint
      | credential  |
      | fingerprint |

    @needs_face
    Examples: face
      | credential |
      | face       |

  @needs_card
  Scenario: A deleted user's card is refused
    Given the test user "Alan Turing" is enrolled on the terminal
    And the terminal authenticates by card alone
    And the test card is assigned to the test user
    When the test user is deleted from the terminal
    And the test user presents the enrolled card
    Then the terminal refuses the card as unregistered

  @needs_card
  Scenario Outline: A user whose validity <period> is refused
    Given the test user "Alan Turing" is enrolled on the terminal
    And the terminal authenticates by card alone
    And the test card is assigned to the test user
    When the test user's validity <period>
    And the test user presents the enrolled card
    Then the terminal logs "access denied" with sub-code 0x03 for the test user

    Examples:
      | period          |
      | ended yesterday |
      | starts tomorrow |
