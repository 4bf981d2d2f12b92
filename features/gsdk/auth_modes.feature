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
