// The parts of UFTP-agr-dso.xsd (Shapeshifter 3.0) this implementation exchanges: FlexRequest,
// FlexOffer, FlexOrder and their responses. Rewritten after reading the official schema
// (github.com/shapeshifter/shapeshifter-specification, V3.0/UFTP-V3.0-agr-dso.xsd); D-Prognosis,
// FlexReservationUpdate, FlexOfferRevocation and FlexSettlement (issue 7 receives those) are left
// out, as are the annotations.
export const UFTP_AGR_DSO_XSD = `<?xml version="1.0" encoding="UTF-8"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" elementFormDefault="qualified" attributeFormDefault="unqualified">
  <xs:include schemaLocation="UFTP-common.xsd"/>
  <xs:complexType name="FlexMessageType" abstract="true">
    <xs:complexContent>
      <xs:extension base="PayloadMessageType">
        <xs:attribute name="ISP-Duration" type="xs:duration" use="required"/>
        <xs:attribute name="TimeZone" type="TimeZoneNameType" use="required"/>
        <xs:attribute name="Period" type="PeriodType" use="required"/>
        <xs:attribute name="CongestionPoint" type="EntityAddressType" use="required"/>
      </xs:extension>
    </xs:complexContent>
  </xs:complexType>
  <xs:complexType name="FlexRequestISPType">
    <xs:attribute name="Disposition" type="AvailableRequestedType"/>
    <xs:attribute name="MinPower" type="xs:integer" use="required"/>
    <xs:attribute name="MaxPower" type="xs:integer" use="required"/>
    <xs:attribute name="Start" type="xs:positiveInteger" use="required"/>
    <xs:attribute name="Duration" type="xs:positiveInteger" use="optional" default="1"/>
  </xs:complexType>
  <xs:complexType name="FlexRequestType">
    <xs:complexContent>
      <xs:extension base="FlexMessageType">
        <xs:sequence><xs:element name="ISP" type="FlexRequestISPType" maxOccurs="unbounded"/></xs:sequence>
        <xs:attribute name="Revision" type="xs:long" use="required"/>
        <xs:attribute name="ExpirationDateTime" type="xs:dateTime" use="required"/>
        <xs:attribute name="ContractID" type="xs:string" use="optional"/>
        <xs:attribute name="ServiceType" type="xs:string" use="optional"/>
      </xs:extension>
    </xs:complexContent>
  </xs:complexType>
  <xs:complexType name="FlexRequestResponseType">
    <xs:complexContent>
      <xs:extension base="PayloadMessageResponseType">
        <xs:attribute name="FlexRequestMessageID" type="UUIDType" use="required"/>
      </xs:extension>
    </xs:complexContent>
  </xs:complexType>
  <xs:complexType name="PowerISPType">
    <xs:attribute name="Power" type="xs:integer" use="required"/>
    <xs:attribute name="Start" type="xs:positiveInteger" use="required"/>
    <xs:attribute name="Duration" type="xs:positiveInteger" use="optional" default="1"/>
  </xs:complexType>
  <xs:complexType name="FlexOfferOptionType">
    <xs:sequence><xs:element name="ISP" type="PowerISPType" maxOccurs="unbounded"/></xs:sequence>
    <xs:attribute name="OptionReference" type="xs:string" use="required"/>
    <xs:attribute name="Price" type="CurrencyAmountType" use="required"/>
    <xs:attribute name="MinActivationFactor" type="ActivationFactorType" default="1.00"/>
  </xs:complexType>
  <xs:complexType name="FlexOfferType">
    <xs:complexContent>
      <xs:extension base="FlexMessageType">
        <xs:sequence><xs:element name="OfferOption" type="FlexOfferOptionType" minOccurs="1" maxOccurs="unbounded"/></xs:sequence>
        <xs:attribute name="ExpirationDateTime" type="xs:dateTime" use="required"/>
        <xs:attribute name="FlexRequestMessageID" type="UUIDType" use="optional"/>
        <xs:attribute name="ContractID" type="xs:string" use="optional"/>
        <xs:attribute name="D-PrognosisMessageID" type="UUIDType" use="optional"/>
        <xs:attribute name="BaselineReference" type="xs:string" use="optional"/>
        <xs:attribute name="Currency" type="ISO4217CurrencyType" use="required"/>
      </xs:extension>
    </xs:complexContent>
  </xs:complexType>
  <xs:complexType name="FlexOfferResponseType">
    <xs:complexContent>
      <xs:extension base="PayloadMessageResponseType">
        <xs:attribute name="FlexOfferMessageID" type="UUIDType" use="required"/>
      </xs:extension>
    </xs:complexContent>
  </xs:complexType>
  <xs:complexType name="FlexOrderType">
    <xs:complexContent>
      <xs:extension base="FlexMessageType">
        <xs:sequence><xs:element name="ISP" type="PowerISPType" maxOccurs="unbounded"/></xs:sequence>
        <xs:attribute name="FlexOfferMessageID" type="UUIDType" use="required"/>
        <xs:attribute name="ContractID" type="xs:string" use="optional"/>
        <xs:attribute name="D-PrognosisMessageID" type="UUIDType" use="optional"/>
        <xs:attribute name="BaselineReference" type="xs:string" use="optional"/>
        <xs:attribute name="Price" type="CurrencyAmountType" use="required"/>
        <xs:attribute name="Currency" type="ISO4217CurrencyType" use="required"/>
        <xs:attribute name="OrderReference" type="xs:string" use="required"/>
        <xs:attribute name="OptionReference" type="xs:string" use="optional"/>
        <xs:attribute name="ActivationFactor" type="ActivationFactorType" default="1.00"/>
      </xs:extension>
    </xs:complexContent>
  </xs:complexType>
  <xs:complexType name="FlexOrderResponseType">
    <xs:complexContent>
      <xs:extension base="PayloadMessageResponseType">
        <xs:attribute name="FlexOrderMessageID" type="UUIDType" use="required"/>
      </xs:extension>
    </xs:complexContent>
  </xs:complexType>
  <xs:element name="FlexRequest" type="FlexRequestType"/>
  <xs:element name="FlexRequestResponse" type="FlexRequestResponseType"/>
  <xs:element name="FlexOffer" type="FlexOfferType"/>
  <xs:element name="FlexOfferResponse" type="FlexOfferResponseType"/>
  <xs:element name="FlexOrder" type="FlexOrderType"/>
  <xs:element name="FlexOrderResponse" type="FlexOrderResponseType"/>
</xs:schema>
`;
