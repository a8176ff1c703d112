// The parts of UFTP-common.xsd (Shapeshifter 3.0) this implementation uses: the simple types, the
// SignedMessage wrapper and the two abstract payload bases. Rewritten after reading the official
// schema (github.com/shapeshifter/shapeshifter-specification, xsd/UFTP-common.xsd); annotations,
// TestMessage and the CRO/portfolio types are left out. Kept as a TS string so the compiled app
// carries it without an asset-copy step.
export const UFTP_COMMON_XSD = `<?xml version="1.0" encoding="UTF-8"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" elementFormDefault="qualified" attributeFormDefault="unqualified">
  <xs:simpleType name="SpecVersion"><xs:restriction base="xs:string"><xs:pattern value="(\\d+\\.\\d+\\.\\d+)"/></xs:restriction></xs:simpleType>
  <xs:simpleType name="UUIDType"><xs:restriction base="xs:string"><xs:pattern value="[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}"/></xs:restriction></xs:simpleType>
  <xs:simpleType name="EntityAddressType"><xs:restriction base="xs:string"><xs:pattern value="(ea1\\.[0-9]{4}-[0-9]{2}\\..{1,244}:.{1,244}|ean\\.[0-9]{12,34})"/></xs:restriction></xs:simpleType>
  <xs:simpleType name="InternetDomainType"><xs:restriction base="xs:string"><xs:pattern value="([a-z0-9]+(-[a-z0-9]+)*\\.)+[a-z]{2,}"/></xs:restriction></xs:simpleType>
  <xs:simpleType name="ISO4217CurrencyType"><xs:restriction base="xs:string"><xs:pattern value="[A-Z]{3}"/></xs:restriction></xs:simpleType>
  <xs:simpleType name="CurrencyAmountType"><xs:restriction base="xs:decimal"><xs:fractionDigits value="4"/></xs:restriction></xs:simpleType>
  <xs:simpleType name="TimeZoneNameType"><xs:restriction base="xs:string"><xs:pattern value="(Africa|America|Australia|Europe|Pacific)/[a-zA-Z0-9_/]{3,}"/></xs:restriction></xs:simpleType>
  <xs:simpleType name="PeriodType"><xs:restriction base="xs:date"/></xs:simpleType>
  <xs:simpleType name="ActivationFactorType"><xs:restriction base="xs:decimal"><xs:fractionDigits value="2"/><xs:minInclusive value="0.01"/><xs:maxInclusive value="1.00"/></xs:restriction></xs:simpleType>
  <xs:simpleType name="USEF-RoleType"><xs:restriction base="xs:string"><xs:enumeration value="AGR"/><xs:enumeration value="CRO"/><xs:enumeration value="DSO"/></xs:restriction></xs:simpleType>
  <xs:simpleType name="AcceptedRejectedType"><xs:restriction base="xs:string"><xs:enumeration value="Accepted"/><xs:enumeration value="Rejected"/></xs:restriction></xs:simpleType>
  <xs:simpleType name="AvailableRequestedType"><xs:restriction base="xs:string"><xs:enumeration value="Available"/><xs:enumeration value="Requested"/></xs:restriction></xs:simpleType>
  <xs:complexType name="SignedMessageType">
    <xs:attribute name="SenderDomain" type="InternetDomainType" use="required"/>
    <xs:attribute name="SenderRole" type="USEF-RoleType" use="required"/>
    <xs:attribute name="Body" type="xs:base64Binary" use="required"/>
  </xs:complexType>
  <xs:complexType name="PayloadMessageType" abstract="true">
    <xs:attribute name="Version" type="SpecVersion" use="required"/>
    <xs:attribute name="SenderDomain" type="InternetDomainType" use="required"/>
    <xs:attribute name="RecipientDomain" type="InternetDomainType" use="required"/>
    <xs:attribute name="TimeStamp" type="xs:dateTime" use="required"/>
    <xs:attribute name="MessageID" type="UUIDType" use="required"/>
    <xs:attribute name="ConversationID" type="UUIDType" use="required"/>
  </xs:complexType>
  <xs:complexType name="PayloadMessageResponseType" abstract="true">
    <xs:complexContent>
      <xs:extension base="PayloadMessageType">
        <xs:attribute name="Result" type="AcceptedRejectedType" use="required"/>
        <xs:attribute name="RejectionReason" type="xs:string" use="optional"/>
      </xs:extension>
    </xs:complexContent>
  </xs:complexType>
  <xs:element name="SignedMessage" type="SignedMessageType"/>
</xs:schema>
`;
