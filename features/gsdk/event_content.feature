@gsdk
Feature: What the terminal logs about an attempt
  Beyond granted or refused, an attempt's one log entry says how: under duress, with which card.

  Background:
    Given a test user holding every credential the terminal reads

  @needs_fingerprint
  Scenario: A duress fingerprint opens the door and logs the duress
    Given a duress fingerprint of the test user is enrolled
    And the terminal authenticates by fingerprint alone
    When the test user presents the duress fingerprint
    Then the terminal logs "identify duress" with sub-code 0x01 for the test user

  @needs_card
  Scenario: The refusal of an unregistered card carries the card's data
    Given the terminal has read the spare card
    And the terminal allows only "card only"
    When the test user presents the spare card
    Then the terminal logs "verify failure" with sub-code 0x02 for nobody, with the spare card's data
