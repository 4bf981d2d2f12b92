@gsdk
Feature: Authentication modes of the terminal
  With private authentication off, the modes the terminal allows decide for every user which
  credentials, in which order, open the door. A card or a typed user ID first means the terminal
  checks that one user (verify); a fingerprint or face first means it searches all users
  (identify). Every attempt ends with one log entry: the event and sub-code say how it went.

  Background:
    Given a test user holding every credential the terminal reads

  @needs_classic_auth
  Scenario Outline: Classic mode "<mode>": <credentials> is <result>
    Given the terminal allows only "<mode>"
    When the test user presents <credentials>
    Then the terminal logs "<event>" with sub-code <sub-code> for <who>

    @lab_smoke
    Examples: granted (smoke)
      | mode             | credentials                       | result  | event            | sub-code | who           |
      | card only        | the card                          | granted | verify success   | 0x06     | the test user |
      | card + biometric | the card, then the fingerprint    | granted | verify success   | 0x08     | the test user |
      | card + PIN       | the card, then the PIN            | granted | verify success   | 0x07     | the test user |

    Examples: granted
      | mode             | credentials                       | result  | event            | sub-code | who           |
      | biometric only   | the fingerprint                   | granted | identify success | 0x01     | the test user |

    @lab_smoke
    Examples: refused (smoke)
      | mode             | credentials                                | result  | event                  | sub-code | who           |
      | card only        | an unregistered card                       | refused | verify failure         | 0x02     | nobody        |
      | biometric only   | the card                                   | refused | authentication failure | 0x01     | the test user |
      | card + PIN       | the card, then a wrong PIN                 | refused | verify failure         | 0x03     | the test user |

    Examples: refused
      | mode             | credentials                                | result  | event                  | sub-code | who           |
      | card only        | the fingerprint                            | refused | authentication failure | 0x01     | the test user |
      | biometric only   | an unregistered fingerprint                | refused | identify failure       | 0x04     | nobody        |
      | card + biometric | the card, then an unregistered fingerprint | refused | verify failure         | 0x04     | the test user |
      | card + biometric | the card, then the PIN                     | refused | authentication failure | 0x01     | the test user |
      | card + PIN       | the fingerprint                            | refused | authentication failure | 0x01     | the test user |
      | card + biometric | the fingerprint, then the card             | refused | authentication failure | 0x01     | the test user |

  @needs_extended_auth
  Scenario Outline: Extended mode "<mode>": <credentials> is <result>
    Given the terminal allows only "<mode>"
    When the test user presents <credentials>
    Then the terminal logs "<event>" with sub-code <sub-code> for <who>

    @lab_smoke
    Examples: granted (smoke)
      | mode                      | credentials                                   | result  | event            | sub-code | who           |
      | card only                 | the card                                      | granted | verify success   | 0x06     | the test user |
      | face only                 | the face                                      | granted | identify success | 0x03     | the test user |
      | card + face               | the card, then the face                       | granted | verify success   | 0x0A     | the test user |
      | card + fingerprint + face | the card, then the fingerprint, then the face | granted | verify success   | 0x11     | the test user |
      | ID + PIN                  | the user ID, then the PIN                     | granted | verify success   | 0x01     | the test user |

    Examples: granted
      | mode                      | credentials                                   | result  | event            | sub-code | who           |
      | fingerprint only          | the fingerprint                               | granted | identify success | 0x01     | the test user |
      | card + fingerprint        | the card, then the fingerprint                | granted | verify success   | 0x08     | the test user |
      | card + face or fingerprint | the card, then the face                      | granted | verify success   | 0x0A     | the test user |
      | card + face or fingerprint | the card, then the fingerprint               | granted | verify success   | 0x08     | the test user |
      | face + PIN                | the face, then the PIN                        | granted | identify success | 0x04     | the test user |
      | card + face or PIN        | the card, then the PIN                        | granted | verify success   | 0x07     | the test user |
      | card + face or PIN        | the card, then the face                       | granted | verify success   | 0x0A     | the test user |
      | card + fingerprint or PIN | the card, then the PIN                        | granted | verify success   | 0x07     | the test user |
      | fingerprint + face        | the fingerprint, then the face                | granted | identify success | 0x07     | the test user |
      | face + fingerprint        | the face, then the fingerprint                | granted | identify success | 0x05     | the test user |

    @lab_smoke
    Examples: refused (smoke)
      | mode                      | credentials                                          | result  | event                  | sub-code | who           |
      | card only                 | an unregistered card                                 | refused | verify failure         | 0x02     | nobody        |
      | face only                 | the card                                             | refused | authentication failure | 0x01     | the test user |
      | card + face               | the card, then an unregistered face                  | refused | verify failure         | 0x05     | the test user |
      | face + PIN                | the face, then a wrong PIN                           | refused | identify failure       | 0x03     | the test user |

    Examples: refused
      | mode                      | credentials                                          | result  | event                  | sub-code | who           |
      | card only                 | the face                                             | refused | authentication failure | 0x01     | the test user |
      | face only                 | an unregistered face                                 | refused | identify failure       | 0x05     | nobody        |
      | fingerprint only          | an unregistered fingerprint                          | refused | identify failure       | 0x04     | nobody        |
      | fingerprint only          | the face                                             | refused | authentication failure | 0x01     | the test user |
      | card + face               | the card, then the fingerprint                       | refused | authentication failure | 0x01     | the test user |
      | card + fingerprint        | the card, then an unregistered fingerprint           | refused | verify failure         | 0x04     | the test user |
      | card + face or fingerprint | the card, then the PIN                              | refused | authentication failure | 0x01     | the test user |
      | card + fingerprint + face | the card, then the fingerprint, then an unregistered face | refused | verify failure    | 0x05     | the test user |
      | ID + PIN                  | an unknown user ID                                   | refused | verify failure         | 0x01     | nobody        |
      | card + fingerprint        | the fingerprint, then the card                       | refused | authentication failure | 0x01     | the test user |
      | card + face               | the face, then the card                              | refused | authentication failure | 0x01     | the test user |
      | face + fingerprint        | the face, then an unregistered fingerprint           | refused | identify failure       | 0x04     | the test user |

  Scenario: "card + PIN" does not open for a user who has no PIN
    Given the test user has no PIN
    And the terminal allows only "card + PIN"
    When the test user presents the card, then the PIN
    Then the terminal logs "verify failure" with sub-code 0x03 for the test user

  @needs_fingerprint
  Scenario: With two modes allowed, the second one opens the door too
    Given the terminal allows "card only" and authentication by fingerprint alone
    When the test user presents the fingerprint
    Then the terminal grants access to the test user by fingerprint

  @needs_extended_auth
  Scenario Outline: Extended mode "<mode>": another user's <kind> does not complete the test user's attempt
    Given another test user holding another <kind>
    And the terminal allows only "<mode>"
    When the test user presents <credentials>
    Then the terminal logs "<event>" with sub-code <sub-code> for the test user

    Examples:
      | mode               | kind        | credentials                                | event            | sub-code |
      | card + face        | face        | the card, then another user's face         | verify failure   | 0x05     |
      | card + fingerprint | fingerprint | the card, then another user's fingerprint  | verify failure   | 0x04     |
      | face + fingerprint | fingerprint | the face, then another user's fingerprint  | identify failure | 0x04     |

  @needs_classic_auth @needs_fingerprint
  Scenario: Classic mode "card + biometric": another user's fingerprint does not complete the test user's attempt
    Given another test user holding another fingerprint
    And the terminal allows only "card + biometric"
    When the test user presents the card, then another user's fingerprint
    Then the terminal logs "verify failure" with sub-code 0x04 for the test user

  @needs_classic_auth
  Scenario Outline: Classic mode "<mode>": the second factor never comes
    Given the terminal allows only "<mode>"
    When the test user presents <first> and nothing more
    And the auth timeout passes
    Then the terminal logs "authentication failure" with sub-code 0x03 for the test user

    @lab_smoke
    Examples: smoke
      | mode             | first     |
      | card + biometric | the card  |

    Examples:
      | mode             | first     |
      | card + PIN       | the card  |

  @needs_extended_auth
  Scenario Outline: Extended mode "<mode>": the next factor never comes
    Given the terminal allows only "<mode>"
    When the test user presents <presented> and nothing more
    And the auth timeout passes
    Then the terminal logs "authentication failure" with sub-code 0x03 for the test user

    @lab_smoke
    Examples: smoke
      | mode                      | presented                      |
      | card + face               | the card                       |

    Examples:
      | mode                      | presented                      |
      | card + fingerprint        | the card                       |
      | face + PIN                | the face                       |
      | card + fingerprint + face | the card, then the fingerprint |

  @needs_classic_auth
  Scenario Outline: Classic mode "<mode>": the auth timeout counts the whole sequence, <case>
    Given the terminal's auth timeout is 8 seconds
    And the terminal allows only "<mode>"
    When the test user presents <credentials>
    Then the terminal logs "<event>" with sub-code <sub-code> for the test user, where auth_timeout=per_step would log "<per step>" with sub-code <per step sub-code>

    Examples:
      | mode                   | case                  | credentials                                                                                     | event                  | sub-code | per step               | per step sub-code |
      | card + biometric       | inside it             | the card, then the fingerprint just before the auth timeout                                     | verify success         | 0x08     | verify success         | 0x08              |
      | card + biometric       | past it               | the card, then the fingerprint just after the auth timeout                                      | authentication failure | 0x03     | authentication failure | 0x03              |
      | card + biometric + PIN | not restarted         | the card, then the fingerprint halfway through the auth timeout, then the PIN just after the auth timeout | authentication failure | 0x03 | verify success         | 0x09              |

  @needs_extended_auth
  Scenario Outline: Extended mode "<mode>": the auth timeout counts the whole sequence, <case>
    Given the terminal's auth timeout is 8 seconds
    And the terminal allows only "<mode>"
    When the test user presents <credentials>
    Then the terminal logs "<event>" with sub-code <sub-code> for the test user, where auth_timeout=per_step would log "<per step>" with sub-code <per step sub-code>

    Examples:
      | mode                      | case          | credentials                                                                                      | event                  | sub-code | per step               | per step sub-code |
      | card + fingerprint        | inside it     | the card, then the fingerprint just before the auth timeout                                      | verify success         | 0x08     | verify success         | 0x08              |
      | card + fingerprint        | past it       | the card, then the fingerprint just after the auth timeout                                       | authentication failure | 0x03     | authentication failure | 0x03              |
      | card + fingerprint + face | not restarted | the card, then the fingerprint halfway through the auth timeout, then the face just after the auth timeout | authentication failure | 0x03 | verify success         | 0x11              |
